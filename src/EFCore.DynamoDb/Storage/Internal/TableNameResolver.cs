using System.Collections.Concurrent;
using EFCore.DynamoDb.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Applies the table name prefix at run time rather than in the model, so one cached model and one internal service
///     provider (one SDK client) serve contexts configured with different prefixes (one per tenant, environment or test
///     class). A scoped service: each context reads its own prefix from its options.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class TableNameResolver : ITableNameResolver
{
    // Full names are computed and validated once per (prefix, model name) for the whole process.
    private static readonly ConcurrentDictionary<(string Prefix, string Name), string> Names = new();

    private readonly string _prefix;

    /// <summary>Creates the resolver for a context's options.</summary>
    public TableNameResolver(IDbContextOptions options)
        => _prefix = options.FindExtension<DynamoDbOptionsExtension>()?.TableNamePrefix ?? "";

    /// <inheritdoc />
    public virtual string Resolve(string modelTableName)
        => Names.GetOrAdd((_prefix, modelTableName), static key => Validated(key.Prefix, key.Name));

    private static string Validated(string prefix, string modelTableName)
    {
        // The model validator checks the characters of the model's names; only the full name can be checked for length.
        var name = prefix + modelTableName;
        if (!TableNameRules.IsValidName(name))
        {
            throw new InvalidOperationException(
                $"The table name '{name}'"
                + (prefix.Length == 0 ? "" : $" (the TableNamePrefix '{prefix}' followed by the model's table name '{modelTableName}')")
                + $" is not a valid DynamoDB table name: it has {name.Length} characters, and DynamoDB table names have "
                + $"{TableNameRules.MinLength} to {TableNameRules.MaxLength} characters, each a letter, digit, '_', '-' or '.'.");
        }

        return name;
    }

    /// <inheritdoc />
    public virtual string Resolve(IReadOnlyEntityType entityType)
        => Resolve(entityType.GetTableName()
            ?? throw new InvalidOperationException(
                $"The entity type '{entityType.DisplayName()}' is owned and has no table of its own; it is stored inside its owner's item."));
}
