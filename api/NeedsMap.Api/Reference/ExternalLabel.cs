using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Reference;

/// <summary>
/// A channel's or a hotline's own classification (<c>城乡建设/噪声污染</c>, <c>噪声污染</c>, at any level) mapped to one of the
/// city's categories; the city edits the table. <see cref="Source"/> is a channel code, or <see cref="AnySource"/> for a
/// label meant the same on every channel.
/// </summary>
public sealed class ExternalLabel
{
    public const string AnySource = "*";

    public required string Source { get; init; }
    public required string Label { get; init; }
    public required string CategoryCode { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class ExternalLabelConfiguration : IEntityTypeConfiguration<ExternalLabel>
{
    public void Configure(EntityTypeBuilder<ExternalLabel> builder)
    {
        builder.ToTable("external_labels");
        builder.HasKey(l => new { l.Source, l.Label });
        builder.Property(l => l.Source).HasMaxLength(64);
        builder.Property(l => l.Label).HasMaxLength(200);
        builder.Property(l => l.CategoryCode).HasMaxLength(64);
        builder.Property(l => l.UpdatedBy).HasMaxLength(200);
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryCode).OnDelete(DeleteBehavior.Restrict);
    }
}
