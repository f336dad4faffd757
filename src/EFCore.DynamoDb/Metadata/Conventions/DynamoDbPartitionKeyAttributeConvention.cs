using System.Reflection;
using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>Applies <see cref="PartitionKeyAttribute" />.</summary>
public class DynamoDbPartitionKeyAttributeConvention : PropertyAttributeConventionBase<PartitionKeyAttribute>
{
    /// <summary>Creates the convention.</summary>
    public DynamoDbPartitionKeyAttributeConvention(ProviderConventionSetBuilderDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    protected override void ProcessPropertyAdded(
        IConventionPropertyBuilder propertyBuilder,
        PartitionKeyAttribute attribute,
        MemberInfo clrMember,
        IConventionContext context)
    {
        if (propertyBuilder.Metadata.DeclaringType is IConventionEntityType entityType)
        {
            DynamoDbKeyConfiguration.SetPartitionKey(entityType.GetRootType(), propertyBuilder.Metadata.Name, fromDataAnnotation: true);
        }
    }
}
