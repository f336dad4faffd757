using Amazon.DynamoDBv2.Model;

namespace Orders;

/// <summary>What each step of the walkthrough returned and sent, so that a test can check it.</summary>
/// <param name="Created">EnsureCreatedAsync.</param>
/// <param name="Written">The aggregate the walkthrough added (the objects as they were written).</param>
/// <param name="Saved">The one SaveChangesAsync of the aggregate: the number of entities written.</param>
/// <param name="Aggregate">The aggregate read back with Include/ThenInclude.</param>
/// <param name="DateRange">The customer's orders in <see cref="OrdersWalkthrough.DateRange" />.</param>
/// <param name="ByStatus">Every customer's orders of <see cref="OrdersWalkthrough.StatusQuery" />.</param>
/// <param name="RawWritten">The items the raw SDK wrote.</param>
/// <param name="Raw">The raw SDK's items read back through EF as an aggregate.</param>
/// <param name="Warnings">The warnings EF logged during the whole walkthrough.</param>
public sealed record OrdersWalkthroughResult(
    StepResult<bool> Created,
    Customer Written,
    StepResult<int> Saved,
    StepResult<Customer> Aggregate,
    StepResult<List<Order>> DateRange,
    StepResult<List<Order>> ByStatus,
    StepResult<IReadOnlyList<Dictionary<string, AttributeValue>>> RawWritten,
    StepResult<Customer> Raw,
    IReadOnlyList<string> Warnings);
