using System.Linq.Expressions;
using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>
///     DynamoDB-specific configuration of EF indexes. <c>HasIndex(x => new { x.A, x.B }, "Name")</c> is a global secondary index
///     with partition key A and sort key B unless <see cref="IsLocalSecondaryIndex(IndexBuilder, bool)" /> is called.
/// </summary>
public static class DynamoDbIndexBuilderExtensions
{
    /// <summary>
    ///     Makes the index a local secondary index: it shares the table's partition key (its first property, or the table's
    ///     partition key when the index names one property) and has its own sort key. Local indexes can only be created with
    ///     the table.
    /// </summary>
    public static IndexBuilder IsLocalSecondaryIndex(this IndexBuilder indexBuilder, bool isLocal = true)
    {
        ArgumentNullException.ThrowIfNull(indexBuilder);
        indexBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.IsLocalSecondaryIndex, isLocal);
        return indexBuilder;
    }

    /// <inheritdoc cref="IsLocalSecondaryIndex(IndexBuilder, bool)" />
    public static IndexBuilder<TEntity> IsLocalSecondaryIndex<TEntity>(this IndexBuilder<TEntity> indexBuilder, bool isLocal = true)
        => (IndexBuilder<TEntity>)IsLocalSecondaryIndex((IndexBuilder)indexBuilder, isLocal);

    /// <summary>
    ///     Chooses which attributes the index holds: all (default), keys only, or keys plus the properties named with
    ///     <c>IncludeProperties</c>. Choosing all or keys only forgets properties included before. On a table that holds several
    ///     entity types the discriminator attribute is always projected too (a keys-only index becomes an INCLUDE of it), so that
    ///     queries through the index return only items of the queried type.
    /// </summary>
    public static IndexBuilder HasProjection(this IndexBuilder indexBuilder, DynamoDbIndexProjection projection)
    {
        ArgumentNullException.ThrowIfNull(indexBuilder);
        if (!Enum.IsDefined(projection))
        {
            throw new ArgumentOutOfRangeException(nameof(projection), projection, "Not a DynamoDbIndexProjection value.");
        }

        indexBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.IndexProjection, projection);
        if (projection != DynamoDbIndexProjection.Include)
        {
            indexBuilder.Metadata.RemoveAnnotation(DynamoDbAnnotationNames.IndexIncludedProperties);
        }

        return indexBuilder;
    }

    /// <inheritdoc cref="HasProjection(IndexBuilder, DynamoDbIndexProjection)" />
    public static IndexBuilder<TEntity> HasProjection<TEntity>(this IndexBuilder<TEntity> indexBuilder, DynamoDbIndexProjection projection)
        => (IndexBuilder<TEntity>)HasProjection((IndexBuilder)indexBuilder, projection);

    /// <summary>
    ///     Projects the keys plus these properties into the index (an INCLUDE projection). They must be scalar properties of
    ///     the entity type (or its hierarchy); the model validator says so otherwise.
    /// </summary>
    public static IndexBuilder IncludeProperties(this IndexBuilder indexBuilder, params string[] propertyNames)
    {
        ArgumentNullException.ThrowIfNull(indexBuilder);
        ArgumentNullException.ThrowIfNull(propertyNames);
        if (propertyNames.Length == 0 || propertyNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one property, and no empty names.", nameof(propertyNames));
        }

        indexBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.IndexProjection, DynamoDbIndexProjection.Include);
        indexBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.IndexIncludedProperties, propertyNames.ToArray());
        return indexBuilder;
    }

    /// <summary>Projects the keys plus the selected properties into the index, e.g. <c>x => new { x.Title, x.Views }</c>.</summary>
    public static IndexBuilder<TEntity> IncludeProperties<TEntity>(
        this IndexBuilder<TEntity> indexBuilder,
        Expression<Func<TEntity, object?>> includeExpression)
    {
        ArgumentNullException.ThrowIfNull(includeExpression);
        return (IndexBuilder<TEntity>)IncludeProperties(
            (IndexBuilder)indexBuilder, includeExpression.GetMemberAccessList().Select(m => m.Name).ToArray());
    }

    /// <summary>
    ///     Gives a global secondary index of a provisioned table its own read and write capacity (by default it has the
    ///     table's). Local indexes share the table's capacity, and on-demand tables have none to set: the model validator
    ///     refuses both.
    /// </summary>
    public static IndexBuilder HasProvisionedThroughput(this IndexBuilder indexBuilder, long readCapacityUnits, long writeCapacityUnits)
    {
        ArgumentNullException.ThrowIfNull(indexBuilder);
        ArgumentOutOfRangeException.ThrowIfLessThan(readCapacityUnits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(writeCapacityUnits, 1);
        indexBuilder.Metadata.SetAnnotation(
            DynamoDbAnnotationNames.IndexProvisionedThroughput, new ProvisionedThroughput(readCapacityUnits, writeCapacityUnits));
        return indexBuilder;
    }

    /// <inheritdoc cref="HasProvisionedThroughput(IndexBuilder, long, long)" />
    public static IndexBuilder<TEntity> HasProvisionedThroughput<TEntity>(
        this IndexBuilder<TEntity> indexBuilder,
        long readCapacityUnits,
        long writeCapacityUnits)
        => (IndexBuilder<TEntity>)HasProvisionedThroughput((IndexBuilder)indexBuilder, readCapacityUnits, writeCapacityUnits);

    /// <summary>
    ///     Stores the index's partition key in the attribute <paramref name="attributeName" /> as the text of a key template over
    ///     properties (an overloaded global index of a single-table design, e.g. <c>GSI1PK = "STATUS#{0}"</c>). The attribute is
    ///     written with every item of the entity type; the properties keep their own attributes. Conditions on the properties
    ///     become key conditions of the index.
    /// </summary>
    /// <example><c>b.HasIndex(o => new { o.Status, o.OrderDate }, "GSI1").HasPartitionKey("GSI1PK", o => o.Status, "STATUS#{0}")</c></example>
    public static IndexBuilder<TEntity> HasPartitionKey<TEntity>(
        this IndexBuilder<TEntity> indexBuilder,
        string attributeName,
        Expression<Func<TEntity, object?>> properties,
        string template)
        => SetTemplate(
            indexBuilder, attributeName, DynamoDbEntityTypeBuilderExtensions.PropertyNames(properties), template,
            DynamoDbAnnotationNames.IndexPartitionKeyAttribute, DynamoDbAnnotationNames.IndexPartitionKeyTemplate,
            DynamoDbAnnotationNames.IndexPartitionKeyProperties);

    /// <summary>
    ///     Stores the index's sort key in the attribute <paramref name="attributeName" /> as the text of a key template over
    ///     properties (e.g. <c>GSI1SK = "{0:yyyy-MM-dd}#{1}"</c>). See <see cref="HasPartitionKey{TEntity}" />.
    /// </summary>
    public static IndexBuilder<TEntity> HasSortKey<TEntity>(
        this IndexBuilder<TEntity> indexBuilder,
        string attributeName,
        Expression<Func<TEntity, object?>> properties,
        string template)
        => SetTemplate(
            indexBuilder, attributeName, DynamoDbEntityTypeBuilderExtensions.PropertyNames(properties), template,
            DynamoDbAnnotationNames.IndexSortKeyAttribute, DynamoDbAnnotationNames.IndexSortKeyTemplate,
            DynamoDbAnnotationNames.IndexSortKeyProperties);

    private static IndexBuilder<TEntity> SetTemplate<TEntity>(
        IndexBuilder<TEntity> indexBuilder,
        string attributeName,
        string[] propertyNames,
        string template,
        string attributeAnnotation,
        string templateAnnotation,
        string propertiesAnnotation)
    {
        ArgumentNullException.ThrowIfNull(indexBuilder);
        ArgumentException.ThrowIfNullOrEmpty(attributeName);
        ArgumentException.ThrowIfNullOrEmpty(template);
        var parsed = DynamoDbKeyParts.Template(template);
        if (parsed.Holes.Count != propertyNames.Length || parsed.Holes.Distinct().Count() != propertyNames.Length
            || parsed.Holes.Any(h => h >= propertyNames.Length))
        {
            throw new ArgumentException(
                $"The key template '{template}' must use each of its {propertyNames.Length} properties exactly once.", nameof(template));
        }

        indexBuilder.Metadata.SetAnnotation(attributeAnnotation, attributeName);
        indexBuilder.Metadata.SetAnnotation(templateAnnotation, template);
        indexBuilder.Metadata.SetAnnotation(propertiesAnnotation, propertyNames);
        return indexBuilder;
    }
}
