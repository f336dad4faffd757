using System.Collections.Concurrent;
using EFCore.DynamoDb.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Applies the table name prefix at run time rather than in the model, so one cached model serves contexts configured
///     with different prefixes (e.g. one per test class or per environment).
/// </summary>
public class TableNameResolver : ITableNameResolver
{
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Creates the resolver.</summary>
    public TableNameResolver(IDynamoDbSingletonOptions options) => _prefix = options.TableNamePrefix;

    /// <inheritdoc />
    public virtual string Resolve(string modelTableName)
        => _names.GetOrAdd(modelTableName, static (n, p) => Validated(p, n), _prefix);

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
