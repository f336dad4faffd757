using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>The conventions of the DynamoDB provider on top of EF's core conventions.</summary>
public class DynamoDbConventionSetBuilder : ProviderConventionSetBuilder
{
    /// <summary>Creates the builder.</summary>
    public DynamoDbConventionSetBuilder(ProviderConventionSetBuilderDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    public override ConventionSet CreateConventionSet()
    {
        var conventionSet = base.CreateConventionSet();

        conventionSet.Add(new DynamoDbPartitionKeyAttributeConvention(Dependencies));
        conventionSet.Add(new DynamoDbSortKeyAttributeConvention(Dependencies));
        conventionSet.Add(new DynamoDbTableConvention(Dependencies));
        conventionSet.Add(new DynamoDbTimeToLiveConvention());

        // After the table convention, which adds the discriminator of types sharing a table: that attribute is named too.
        conventionSet.Add(new DynamoDbAttributeNamingConvention());

        // After the naming convention: a [DynamoDBTable]'s casing is more specific than the model's naming convention.
        conventionSet.Add(new DynamoDbContextAttributeConvention());

        // DynamoDB has no foreign key indexes; EF's would turn into secondary indexes nobody asked for.
        conventionSet.Remove(typeof(ForeignKeyIndexConvention));
        conventionSet.Replace<ValueGenerationConvention>(new DynamoDbValueGenerationConvention(Dependencies));
        conventionSet.Replace<RelationshipDiscoveryConvention>(new DynamoDbRelationshipDiscoveryConvention(Dependencies));

        return conventionSet;
    }
}
