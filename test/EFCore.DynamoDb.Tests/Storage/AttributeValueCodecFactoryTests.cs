using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class AttributeValueCodecFactoryTests
{
    [Theory]
    [InlineData(typeof(string), "S")]
    [InlineData(typeof(bool), "BOOL")]
    [InlineData(typeof(byte[]), "B")]
    [InlineData(typeof(byte), "N")]
    [InlineData(typeof(sbyte), "N")]
    [InlineData(typeof(short), "N")]
    [InlineData(typeof(ushort), "N")]
    [InlineData(typeof(int), "N")]
    [InlineData(typeof(uint), "N")]
    [InlineData(typeof(long), "N")]
    [InlineData(typeof(ulong), "N")]
    [InlineData(typeof(float), "N")]
    [InlineData(typeof(double), "N")]
    [InlineData(typeof(decimal), "N")]
    [InlineData(typeof(int?), "N")]
    [InlineData(typeof(HashSet<string>), "SS")]
    [InlineData(typeof(ISet<Guid>), "SS")]
    [InlineData(typeof(IReadOnlySet<double>), "NS")]
    [InlineData(typeof(SortedSet<byte[]>), "BS")]
    [InlineData(typeof(List<DateTimeOffset?>), "L")]
    [InlineData(typeof(long[]), "L")]
    [InlineData(typeof(IEnumerable<List<byte[]>>), "L")]
    [InlineData(typeof(Dictionary<string, DateOnly>), "M")]
    [InlineData(typeof(IDictionary<string, TimeOnly?>), "M")]
    [InlineData(typeof(IReadOnlyDictionary<string, HashSet<int>>), "M")]
    public void Maps_supported_types(Type type, string expected)
    {
        Assert.True(AttributeValueCodecFactory.TryCreate(type, out var codec));
        Assert.Equal(expected, codec.AttributeType.ToString());
        Assert.Equal(type, codec.ProviderClrType);
    }

    [Theory]
    [InlineData(typeof(object))]
    [InlineData(typeof(Guid))]
    [InlineData(typeof(DateTime))]
    [InlineData(typeof(char))]
    [InlineData(typeof(DayOfWeek))]
    [InlineData(typeof(Dictionary<int, string>))]
    [InlineData(typeof(List<object>))]
    [InlineData(typeof(Queue<int>))]
    [InlineData(typeof(int[,]))]
    public void Refuses_types_that_are_not_provider_types(Type type)
        => Assert.False(AttributeValueCodecFactory.TryCreate(type, out _));

    [Fact]
    public void Model_types_with_default_converters_are_accepted_as_elements_only()
    {
        Assert.True(AttributeValueCodecFactory.TryCreateForElement(typeof(Guid), out var guid));
        Assert.Equal(DynamoDbAttributeType.S, guid.AttributeType);
        Assert.True(AttributeValueCodecFactory.TryCreateForElement(typeof(DayOfWeek?), out var day));
        Assert.Equal(DynamoDbAttributeType.N, day.AttributeType);
        Assert.False(AttributeValueCodecFactory.TryCreateForElement(typeof(object), out _));
    }

    [Fact]
    public void Create_throws_for_unmapped_types()
        => Assert.Contains("System.Object", Assert.Throws<InvalidOperationException>(() => AttributeValueCodecFactory.Create(typeof(object))).Message);

    [Fact]
    public void Codecs_are_cached_per_type_across_threads()
    {
        var codecs = new AttributeValueCodec[64];
        Parallel.For(0, codecs.Length, i => codecs[i] = AttributeValueCodecFactory.Create(typeof(Dictionary<string, List<HashSet<string>>>)));
        Assert.All(codecs, c => Assert.Same(codecs[0], c));
    }
}
