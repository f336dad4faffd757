using Forum;
using Forum.CompiledModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// DynamoDB Local by default; with AWS_REGION set and no DYNAMODB_SERVICE_URL, real DynamoDB in that region
// (credentials from the SDK's default chain: environment, profile, instance role...).
var serviceUrl = Environment.GetEnvironmentVariable("DYNAMODB_SERVICE_URL");
var region = Environment.GetEnvironmentVariable("AWS_REGION");
var tablePrefix = Environment.GetEnvironmentVariable("FORUM_TABLE_PREFIX") ?? "";
// FORUM_COMPILED_MODEL=1: the model `dotnet ef dbcontext optimize` generated into CompiledModels/ instead of OnModelCreating.
var compiledModel = Environment.GetEnvironmentVariable("FORUM_COMPILED_MODEL") == "1";
if (serviceUrl == null && region == null)
{
    serviceUrl = "http://localhost:8000";
}

var recorder = new RequestRecorder();
var services = new ServiceCollection()
    .AddLogging(logging => logging
        .AddSimpleConsole(o => o.SingleLine = true)
        .SetMinimumLevel(LogLevel.Warning)
        .AddProvider(recorder)
        .AddFilter<RequestRecorder>(null, LogLevel.Information))
    .AddDbContext<ForumContext>(options =>
    {
        if (compiledModel)
        {
            options.UseModel(ForumContextModel.Instance);
        }

        options.UseDynamoDb(o =>
        {
            if (serviceUrl != null)
            {
                o.ServiceUrl(serviceUrl);
            }
            else
            {
                o.Region(region!);
            }

            o.TableNamePrefix(tablePrefix);
        });
    })
    .BuildServiceProvider();

Console.WriteLine($"EFCore.DynamoDb Forum sample against {serviceUrl ?? "AWS region " + region}{(compiledModel ? ", compiled model" : "")}");
var result = await new ForumWalkthrough(services, recorder, Console.Out).RunAsync();
Console.WriteLine(result.ConflictCaught && result.ThreadsAfterDelete == 3 ? "Done." : "Unexpected result.");
return result.ConflictCaught && result.ThreadsAfterDelete == 3 ? 0 : 1;
