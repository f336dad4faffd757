// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Values with a meaning of their own in a <c>FromPartiQL</c> statement.</summary>
public static class DynamoDbPartiQL
{
    /// <summary>
    ///     Stands for the queried entity type's table in an interpolated <c>FromPartiQL</c> statement: the provider writes its
    ///     name there, quoted and with the context's TableNamePrefix (other interpolated values are parameters).
    /// </summary>
    public static readonly object Table = new TableMarker();

    /// <summary>The text that stands for the table until the statement is sent (a private-use character no statement holds).</summary>
    internal const string TableToken = "\uE000table\uE000";

    private sealed class TableMarker
    {
        public override string ToString() => "(the queried table)";
    }
}
