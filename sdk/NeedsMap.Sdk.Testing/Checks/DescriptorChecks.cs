namespace NeedsMap.Sdk.Testing.Checks;

internal static class DescriptorChecks
{
    private const string Where = "descriptor";

    public static void Check(ChannelDescriptor? descriptor, FindingList findings)
    {
        if (descriptor is null)
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, "Descriptor is null.");
            return;
        }
        // The limits the host enforces at load, from the SDK itself, so the kit can never pass what the host refuses.
        foreach (var problem in DescriptorLimits.Check(descriptor))
        {
            findings.Error(ConformanceRules.DescriptorOutOfLimits, Where, null, problem);
        }
        if (!string.IsNullOrWhiteSpace(descriptor.Name) && !descriptor.Name.Any(IsChinese))
        {
            findings.Error(ConformanceRules.DescriptorIncomplete, Where, null, "Name is not a Chinese display name.");
        }
    }

    public static void CheckFormat(ChannelDescriptor descriptor, SamplePayload sample, FindingList findings)
    {
        if (sample.IsValid && !descriptor.Accepts(sample.Payload.MediaType))
        {
            findings.Error(ConformanceRules.FormatNotAccepted, sample.Name, null,
                $"The sample is {sample.Payload.MediaType}, which AcceptedFormats ({string.Join(", ", descriptor.AcceptedFormats)}) does not list: the host would refuse it with 415.");
        }
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
