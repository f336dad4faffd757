using EFCore.DynamoDb.Design.Internal;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

[assembly: DesignTimeProviderServices("EFCore.DynamoDb.Design.Internal.DynamoDbDesignTimeServices")]

namespace EFCore.DynamoDb.Design.Internal;

/// <summary>
///     The provider's services for EF's design-time tools (<c>dotnet ef dbcontext optimize</c>): the provider itself and the
///     code generator that writes its annotations into a compiled model. Found by the tools through the assembly's
///     <see cref="DesignTimeProviderServicesAttribute" />.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbDesignTimeServices : IDesignTimeServices
{
    /// <inheritdoc />
    public virtual void ConfigureDesignTimeServices(IServiceCollection serviceCollection)
    {
        serviceCollection.AddEntityFrameworkDynamoDb();
        new EntityFrameworkDesignServicesBuilder(serviceCollection)
            .TryAdd<ICSharpRuntimeAnnotationCodeGenerator, DynamoDbCSharpRuntimeAnnotationCodeGenerator>()
            .TryAddCoreServices();
    }
}
