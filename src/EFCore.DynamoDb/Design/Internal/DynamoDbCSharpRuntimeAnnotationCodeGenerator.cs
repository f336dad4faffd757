using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Design.Internal;

/// <summary>
///     Writes the provider's annotations into a compiled model (<c>dotnet ef dbcontext optimize</c>), so that the compiled
///     model answers everything the provider reads at run time: table names, key properties, attribute names, time to live,
///     index kinds and projections, and provisioned throughput (which EnsureCreated reads). Strings, booleans, enums and string
///     arrays are literals EF writes itself; <see cref="ProvisionedThroughput" /> is an object, written here as its constructor
///     call.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbCSharpRuntimeAnnotationCodeGenerator : CSharpRuntimeAnnotationCodeGenerator
{
    /// <summary>Creates the generator.</summary>
    public DynamoDbCSharpRuntimeAnnotationCodeGenerator(CSharpRuntimeAnnotationCodeGeneratorDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    public override void Generate(IEntityType entityType, CSharpRuntimeAnnotationCodeGeneratorParameters parameters)
    {
        GenerateThroughput(DynamoDbAnnotationNames.ProvisionedThroughput, parameters);
        base.Generate(entityType, parameters);
    }

    /// <inheritdoc />
    public override void Generate(IIndex index, CSharpRuntimeAnnotationCodeGeneratorParameters parameters)
    {
        GenerateThroughput(DynamoDbAnnotationNames.IndexProvisionedThroughput, parameters);
        base.Generate(index, parameters);
    }

    private void GenerateThroughput(string annotationName, CSharpRuntimeAnnotationCodeGeneratorParameters parameters)
    {
        if (parameters.IsRuntime
            || !parameters.Annotations.TryGetValue(annotationName, out var value)
            || value is not ProvisionedThroughput throughput)
        {
            return;
        }

        parameters.Annotations.Remove(annotationName);
        var code = Dependencies.CSharpHelper;
        parameters.Namespaces.Add(typeof(ProvisionedThroughput).Namespace!);
        GenerateSimpleAnnotation(
            annotationName,
            $"new {nameof(ProvisionedThroughput)}({code.Literal(throughput.ReadCapacityUnits)}, {code.Literal(throughput.WriteCapacityUnits)})",
            parameters);
    }
}
