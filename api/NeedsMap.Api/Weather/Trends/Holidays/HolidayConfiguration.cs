using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeedsMap.Api.Weather.Trends.Holidays;

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("holidays");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.Name).HasMaxLength(50);
        builder.Property(h => h.Source).HasMaxLength(16);
        builder.Property(h => h.UpdatedBy).HasMaxLength(200);
        builder.HasIndex(h => new { h.Kind, h.Year }).IsUnique();
    }
}
