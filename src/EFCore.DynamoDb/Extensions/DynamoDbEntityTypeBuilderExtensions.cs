using System.Linq.Expressions;
using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>DynamoDB-specific configuration of entity types: table, keys, throughput and time to live.</summary>
public static class DynamoDbEntityTypeBuilderExtensions
{
    /// <summary>
    ///     Stores the entity type in the table <paramref name="name" /> (before the options' <c>TableNamePrefix</c>). Several
    ///     entity types may share one table (single-table design); their items are told apart by a discriminator attribute.
    ///     When EF's relational package is referenced too, its <c>ToTable</c> wins overload resolution and works the same way.
    /// </summary>
    /// <param name="entityTypeBuilder">The entity type builder.</param>
    /// <param name="name">The table name: 3 to 255 characters of letters, digits, '_', '-' and '.'.</param>
    /// <param name="throughput">Optional provisioned throughput; the default is on-demand capacity.</param>
    public static EntityTypeBuilder ToTable(this EntityTypeBuilder entityTypeBuilder, string name, ProvisionedThroughput? throughput = null)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        entityTypeBuilder.Metadata.SetTableName(name);
        if (throughput != null)
        {
            entityTypeBuilder.HasProvisionedThroughput(throughput.ReadCapacityUnits, throughput.WriteCapacityUnits);
        }

        return entityTypeBuilder;
    }

    /// <inheritdoc cref="ToTable(EntityTypeBuilder, string, ProvisionedThroughput)" />
    public static EntityTypeBuilder<TEntity> ToTable<TEntity>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        string name,
        ProvisionedThroughput? throughput = null)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)ToTable((EntityTypeBuilder)entityTypeBuilder, name, throughput);

    /// <summary>
    ///     Makes <paramref name="propertyName" /> the table's partition (hash) key, and the first property of EF's key; a sort key
    ///     already configured (with <c>HasSortKey</c>, <c>[SortKey]</c> or a two-property <c>HasKey</c>) stays. Keys belong to the
    ///     root of a hierarchy: configuring them on a derived type is an error.
    /// </summary>
    public static EntityTypeBuilder HasPartitionKey(this EntityTypeBuilder entityTypeBuilder, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        entityTypeBuilder.Property(propertyName);
        entityTypeBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.PartitionKeyProperty, propertyName);
        ExplicitKey(entityTypeBuilder);
        return entityTypeBuilder;
    }

    /// <inheritdoc cref="HasPartitionKey(EntityTypeBuilder, string)" />
    public static EntityTypeBuilder<TEntity> HasPartitionKey<TEntity, TProperty>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        Expression<Func<TEntity, TProperty>> propertyExpression)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)HasPartitionKey((EntityTypeBuilder)entityTypeBuilder, PropertyName(propertyExpression));

    /// <summary>
    ///     Makes <paramref name="propertyName" /> the table's sort (range) key, and the second property of EF's key. It may be
    ///     called before <c>HasPartitionKey</c>; without any partition key the model validator reports the sort key as orphaned.
    /// </summary>
    public static EntityTypeBuilder HasSortKey(this EntityTypeBuilder entityTypeBuilder, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        entityTypeBuilder.Property(propertyName);
        entityTypeBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.SortKeyProperty, propertyName);
        ExplicitKey(entityTypeBuilder);
        return entityTypeBuilder;
    }

    /// <inheritdoc cref="HasSortKey(EntityTypeBuilder, string)" />
    public static EntityTypeBuilder<TEntity> HasSortKey<TEntity, TProperty>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        Expression<Func<TEntity, TProperty>> propertyExpression)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)HasSortKey((EntityTypeBuilder)entityTypeBuilder, PropertyName(propertyExpression));

    /// <summary>
    ///     Stores the table's partition key in the attribute <paramref name="attributeName" /> as the text of a key template over
    ///     <paramref name="propertyNames" /> (single-table design): <c>HasPartitionKey("PK", ["CustomerId"], "CUSTOMER#{0}")</c>
    ///     stores customer 42 under <c>PK = "CUSTOMER#42"</c>. The template is .NET composite format text whose holes
    ///     (<c>{0}</c>, <c>{1:yyyy-MM-dd}</c>) are the properties in order, separated by literal text; the properties are read
    ///     back from the key and have no attributes of their own. EF's primary key becomes the properties of the partition and
    ///     sort key templates, and conditions on them become key conditions.
    /// </summary>
    public static EntityTypeBuilder HasPartitionKey(
        this EntityTypeBuilder entityTypeBuilder,
        string attributeName,
        string[] propertyNames,
        string template)
        => HasKeyTemplate(
            entityTypeBuilder, attributeName, propertyNames, template, DynamoDbAnnotationNames.PartitionKeyAttribute,
            DynamoDbAnnotationNames.PartitionKeyTemplate, DynamoDbAnnotationNames.PartitionKeyProperties,
            DynamoDbAnnotationNames.PartitionKeyProperty);

    /// <inheritdoc cref="HasPartitionKey(EntityTypeBuilder, string, string[], string)" />
    /// <example><c>b.HasPartitionKey("PK", o => o.CustomerId, "CUSTOMER#{0}")</c></example>
    public static EntityTypeBuilder<TEntity> HasPartitionKey<TEntity>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        string attributeName,
        Expression<Func<TEntity, object?>> properties,
        string template)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)HasPartitionKey((EntityTypeBuilder)entityTypeBuilder, attributeName, PropertyNames(properties), template);

    /// <summary>
    ///     Stores the table's sort key in the attribute <paramref name="attributeName" /> as the text of a key template over
    ///     <paramref name="propertyNames" />: <c>HasSortKey("SK", ["OrderDate", "OrderId"], "ORDER#{0:yyyy-MM-dd}#{1}")</c>.
    ///     The template's literal prefix (<c>ORDER#</c>) also tells the entity type's items apart in a shared table, so no
    ///     discriminator attribute is needed. See <see cref="HasPartitionKey(EntityTypeBuilder, string, string[], string)" />.
    /// </summary>
    public static EntityTypeBuilder HasSortKey(
        this EntityTypeBuilder entityTypeBuilder,
        string attributeName,
        string[] propertyNames,
        string template)
        => HasKeyTemplate(
            entityTypeBuilder, attributeName, propertyNames, template, DynamoDbAnnotationNames.SortKeyAttribute,
            DynamoDbAnnotationNames.SortKeyTemplate, DynamoDbAnnotationNames.SortKeyProperties, DynamoDbAnnotationNames.SortKeyProperty);

    /// <inheritdoc cref="HasSortKey(EntityTypeBuilder, string, string[], string)" />
    /// <example><c>b.HasSortKey("SK", o => new { o.OrderDate, o.OrderId }, "ORDER#{0:yyyy-MM-dd}#{1}")</c></example>
    public static EntityTypeBuilder<TEntity> HasSortKey<TEntity>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        string attributeName,
        Expression<Func<TEntity, object?>> properties,
        string template)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)HasSortKey((EntityTypeBuilder)entityTypeBuilder, attributeName, PropertyNames(properties), template);

    private static EntityTypeBuilder HasKeyTemplate(
        EntityTypeBuilder entityTypeBuilder,
        string attributeName,
        string[] propertyNames,
        string template,
        string attributeAnnotation,
        string templateAnnotation,
        string propertiesAnnotation,
        string propertyAnnotation)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        ArgumentException.ThrowIfNullOrEmpty(attributeName);
        ArgumentNullException.ThrowIfNull(propertyNames);
        ArgumentException.ThrowIfNullOrEmpty(template);
        var parsed = DynamoDbKeyParts.Template(template);
        if (parsed.Holes.Count != propertyNames.Length || parsed.Holes.Distinct().Count() != propertyNames.Length
            || parsed.Holes.Any(h => h >= propertyNames.Length))
        {
            throw new ArgumentException(
                $"The key template '{template}' must use each of its {propertyNames.Length} properties ({string.Join(", ", propertyNames)}) exactly "
                + "once, as {0} to {" + (propertyNames.Length - 1) + "}.", nameof(template));
        }

        foreach (var name in propertyNames)
        {
            entityTypeBuilder.Property(name);
        }

        var metadata = entityTypeBuilder.Metadata;
        metadata.SetAnnotation(attributeAnnotation, attributeName);
        metadata.SetAnnotation(templateAnnotation, template);
        metadata.SetAnnotation(propertiesAnnotation, propertyNames);
        metadata.RemoveAnnotation(propertyAnnotation);
        ExplicitKey(entityTypeBuilder);
        return entityTypeBuilder;
    }

    internal static string[] PropertyNames(LambdaExpression propertiesExpression)
    {
        ArgumentNullException.ThrowIfNull(propertiesExpression);
        var body = propertiesExpression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : propertiesExpression.Body;
        return body is NewExpression newExpression
            ? newExpression.Arguments.Select(a => ((MemberExpression)a).Member.Name).ToArray()
            : [((MemberExpression)body).Member.Name];
    }

    /// <summary>
    ///     Creates the table with provisioned capacity instead of on-demand (PAY_PER_REQUEST) billing. Global secondary indexes
    ///     get the same throughput unless they set their own.
    /// </summary>
    public static EntityTypeBuilder HasProvisionedThroughput(
        this EntityTypeBuilder entityTypeBuilder,
        long readCapacityUnits,
        long writeCapacityUnits)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        ArgumentOutOfRangeException.ThrowIfLessThan(readCapacityUnits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(writeCapacityUnits, 1);
        entityTypeBuilder.Metadata.SetAnnotation(
            DynamoDbAnnotationNames.ProvisionedThroughput, new ProvisionedThroughput(readCapacityUnits, writeCapacityUnits));
        return entityTypeBuilder;
    }

    /// <inheritdoc cref="HasProvisionedThroughput(EntityTypeBuilder, long, long)" />
    public static EntityTypeBuilder<TEntity> HasProvisionedThroughput<TEntity>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        long readCapacityUnits,
        long writeCapacityUnits)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)HasProvisionedThroughput((EntityTypeBuilder)entityTypeBuilder, readCapacityUnits, writeCapacityUnits);

    /// <summary>
    ///     Makes <paramref name="propertyName" /> the table's time-to-live attribute: DynamoDB deletes an item some time after
    ///     that moment passes. A <see cref="DateTime" /> or <see cref="DateTimeOffset" /> property is stored as epoch seconds
    ///     (sub-second precision is dropped) unless it has a value converter of its own; an integer property must hold epoch
    ///     seconds already. Other types are refused by the model validator. <c>EnsureCreatedAsync</c> enables time to live
    ///     when it creates the table.
    /// </summary>
    public static EntityTypeBuilder HasTimeToLive(this EntityTypeBuilder entityTypeBuilder, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(entityTypeBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        entityTypeBuilder.Property(propertyName);
        entityTypeBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.TimeToLiveProperty, propertyName);
        return entityTypeBuilder;
    }

    /// <inheritdoc cref="HasTimeToLive(EntityTypeBuilder, string)" />
    public static EntityTypeBuilder<TEntity> HasTimeToLive<TEntity, TProperty>(
        this EntityTypeBuilder<TEntity> entityTypeBuilder,
        Expression<Func<TEntity, TProperty>> propertyExpression)
        where TEntity : class
        => (EntityTypeBuilder<TEntity>)HasTimeToLive((EntityTypeBuilder)entityTypeBuilder, PropertyName(propertyExpression));

    private static void ExplicitKey(EntityTypeBuilder entityTypeBuilder)
    {
        // The key schema is EF's primary key, configured explicitly so that conventions (key discovery) cannot replace it.
        if (entityTypeBuilder.Metadata.BaseType == null && DynamoDbKeyConfiguration.KeyPropertyNames(entityTypeBuilder.Metadata) is { } names)
        {
            entityTypeBuilder.HasKey(names);
        }
    }

    internal static string PropertyName(LambdaExpression propertyExpression)
    {
        ArgumentNullException.ThrowIfNull(propertyExpression);
        return propertyExpression.GetMemberAccess().Name;
    }
}
