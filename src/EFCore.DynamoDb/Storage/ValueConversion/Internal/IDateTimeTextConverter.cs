namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>A converter that stores dates and times as text in a configured format (<c>HasDateTimeFormat</c>).</summary>
internal interface IDateTimeTextConverter
{
    /// <summary>The format the text is written in.</summary>
    DateTimeTextFormat TextFormat { get; }

    /// <summary>The UTC instant a model value (a DateTime or DateTimeOffset) stands for, as the converter writes it.</summary>
    DateTime ToUtc(object modelValue);

    /// <summary>The model value of a UTC instant.</summary>
    object FromUtc(DateTime utc);
}
