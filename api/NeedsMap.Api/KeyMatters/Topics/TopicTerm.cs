using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.KeyMatters.Topics;

/// <summary>
/// A phrase learned as a topic of a category (TopicExtractor over the category's texts). Needs are tagged with the
/// learned phrases their text contains as they arrive, so topics count in the rollups like categories do.
/// </summary>
public sealed class TopicTerm
{
    public required string CategoryCode { get; init; }
    public required string Phrase { get; init; }
    /// <summary>Texts of the category that contained it when it was learned.</summary>
    public int Documents { get; set; }
    public double Score { get; set; }
    public DateTimeOffset LearnedAt { get; set; }
}

internal sealed class TopicTermConfiguration : IEntityTypeConfiguration<TopicTerm>
{
    public void Configure(EntityTypeBuilder<TopicTerm> builder)
    {
        builder.ToTable("topic_terms");
        builder.HasKey(t => new { t.CategoryCode, t.Phrase });
        builder.Property(t => t.CategoryCode).HasMaxLength(64);
        builder.Property(t => t.Phrase).HasMaxLength(32);
    }
}
