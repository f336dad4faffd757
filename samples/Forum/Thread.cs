namespace Forum;

/// <summary>
///     A discussion thread, as in the PynamoDB tutorial (and Amazon's sample Thread table): one item per thread, keyed by
///     forum and subject.
/// </summary>
public class Thread
{
    /// <summary>The forum: the partition key.</summary>
    public string ForumName { get; set; } = null!;

    /// <summary>The thread's subject: the sort key, unique within a forum.</summary>
    public string Subject { get; set; } = null!;

    public int Views { get; set; }

    public int Replies { get; set; }

    public int Answered { get; set; }

    /// <summary>A string set (SS).</summary>
    public HashSet<string> Tags { get; set; } = [];

    /// <summary>Stored as an ISO-8601 UTC string, so its string order is time order.</summary>
    public DateTime LastPostDateTime { get; set; }

    /// <summary>The partition key of the ByCategory global secondary index.</summary>
    public string Category { get; set; } = "general";

    /// <summary>Provider-managed version number (PynamoDB's VersionAttribute): 1 on insert, +1 per update, checked on write.</summary>
    public long Version { get; set; }
}
