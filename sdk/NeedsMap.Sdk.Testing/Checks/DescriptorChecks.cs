using System.Text.RegularExpressions;

namespace NeedsMap.Sdk.Testing.Checks;

internal static partial class DescriptorChecks
{
    private const string Where = "descriptor";

    public static void Check(ChannelDescriptor? descriptor, FindingList findings)
    {
        if (descriptor is null)
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, "Descriptor is null.");
            return;
        }
        if (string.IsNullOrWhiteSpace(descriptor.Code) || !ChannelCode().IsMatch(descriptor.Code))
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, $"Code '{descriptor.Code}' is not a lower-case key like '12345' or 'four-platforms'.");
        }
        if (string.IsNullOrWhiteSpace(descriptor.Name) || !descriptor.Name.Any(IsChinese))
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, "Name is not a Chinese display name.");
        }
        if (string.IsNullOrWhiteSpace(descriptor.NativeFormat) || !MediaType().IsMatch(descriptor.NativeFormat))
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, $"NativeFormat '{descriptor.NativeFormat}' is not a media type.");
        }
        if (!Enum.IsDefined(descriptor.CoordinateSystem))
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, $"CoordinateSystem {(int)descriptor.CoordinateSystem} is not defined.");
        }
        if (string.IsNullOrWhiteSpace(descriptor.Description))
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, "Description is empty.");
        }
        if (!double.IsFinite(descriptor.Weight) || descriptor.Weight <= 0)
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, $"Weight {descriptor.Weight} is not a positive number.");
        }
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ChannelCode();

    [GeneratedRegex(@"^[a-z]+/[a-z0-9.+-]+$")]
    private static partial Regex MediaType();
}
