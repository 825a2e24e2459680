using NeedsMap.Classification.Similarity;

namespace NeedsMap.Classification.Tests.Similarity;

public sealed class TextFingerprintTests
{
    private const string Hotline = "市民来电反映：阳光花园3栋旁边的工地每天晚上十一点以后还在打桩施工，噪音很大，影响休息，请求处理。";
    private const string WeChat = "阳光花园3栋旁边工地每天晚上11点以后还在打桩施工，噪音太大了，影响我们休息，请处理！";
    private const string Unrelated = "我想咨询一下孩子上小学的划片政策，户口在老家可以在这边读书吗";

    [Fact]
    public void The_same_complaint_from_two_channels_scores_high()
    {
        var similarity = TextFingerprint.Create(Hotline).Similarity(TextFingerprint.Create(WeChat));

        Assert.True(similarity >= 0.5, $"similarity {similarity:F2}");
    }

    [Fact]
    public void Unrelated_complaints_score_low()
    {
        Assert.True(TextFingerprint.Similarity(Hotline, Unrelated) <= 0.1);
    }

    [Fact]
    public void Identical_texts_score_one_and_ignore_punctuation_and_width()
    {
        Assert.Equal(1.0, TextFingerprint.Similarity("路灯坏了，请修理！", "路灯坏了 请修理!"));
    }

    [Fact]
    public void Estimate_tracks_exact_jaccard()
    {
        var estimate = TextFingerprint.Similarity(Hotline, WeChat);
        var exact = TextFingerprint.ExactJaccard(Hotline, WeChat);

        Assert.InRange(estimate, exact - 0.15, exact + 0.15);
    }

    [Fact]
    public void Near_duplicates_are_close_in_simhash_and_unrelated_texts_are_not()
    {
        var a = TextFingerprint.Create(Hotline);

        Assert.True(a.HammingDistance(TextFingerprint.Create(WeChat)) < a.HammingDistance(TextFingerprint.Create(Unrelated)));
    }

    [Fact]
    public void Text_without_content_is_similar_to_nothing()
    {
        Assert.Equal(0, TextFingerprint.Similarity("！！！", "！！！"));
    }

    [Fact]
    public void Fingerprints_are_stable_across_runs()
    {
        // Fingerprints are stored; a change in hashing would silently unlink every stored pair.
        Assert.Equal(TextFingerprint.Create("路灯坏了").SimHash, TextFingerprint.Create("路灯坏了").SimHash);
        Assert.Equal(TextFingerprint.Create("路灯坏了").Signature.ToArray(), TextFingerprint.Create("路灯坏了").Signature.ToArray());
    }
}
