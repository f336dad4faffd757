using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>
///     Makes a navigation to a class that is not otherwise an entity type an owned type: in DynamoDB an object held by an
///     entity naturally lives inside its item (a nested map, or a list of maps), since there are no joins. <c>Address Home</c>
///     and <c>List&lt;OrderLine&gt; Lines</c> need no configuration; a navigation to an entity type with its own <c>DbSet</c>
///     stays a relationship.
/// </summary>
public class DynamoDbRelationshipDiscoveryConvention : RelationshipDiscoveryConvention
{
    /// <summary>Creates the convention.</summary>
    public DynamoDbRelationshipDiscoveryConvention(ProviderConventionSetBuilderDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    protected override bool? ShouldBeOwned(Type targetType, IConventionModel model)
        => !targetType.IsGenericType
            || targetType == typeof(Dictionary<string, object>)
            || targetType.GetInterface(typeof(IEnumerable<>).Name) == null;
}
