namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>What the planner needs besides the query: values only known when it runs.</summary>
/// <param name="Parameters">The query's parameter values.</param>
/// <param name="TableName">The table name with the options' prefix.</param>
/// <param name="ProjectedAttributes">The top-level attributes the results need, or null for whole items.</param>
/// <param name="IndexName">The index forced with WithIndex, if any.</param>
/// <param name="Options">How the requests are sent.</param>
/// <param name="EntityTypeName">The queried entity type's display name, for messages.</param>
/// <param name="ToAttributeValue">Converts a value of any CLR type the provider maps as it would store it (PartiQL parameters).</param>
internal sealed record PlanningContext(
    IReadOnlyDictionary<string, object?> Parameters,
    string TableName,
    IReadOnlyList<string>? ProjectedAttributes,
    string? IndexName,
    ReadOptions Options,
    string EntityTypeName,
    Func<object?, Amazon.DynamoDBv2.Model.AttributeValue> ToAttributeValue)
{
    /// <summary>
    ///     The conditions the planner derived from key templates (see <see cref="KeyTemplateConditions" />): they help find keys
    ///     and key conditions, and are never checked on the client (the conditions they came from are).
    /// </summary>
    public IReadOnlySet<Filters.FilterNode> Implied { get; init; } = None;

    // Shared by every context without derived conditions (every model without key templates); never changed.
    private static readonly IReadOnlySet<Filters.FilterNode> None = new HashSet<Filters.FilterNode>();
}
