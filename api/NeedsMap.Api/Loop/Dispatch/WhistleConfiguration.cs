using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

internal sealed class WhistleConfiguration : IEntityTypeConfiguration<Whistle>
{
    public void Configure(EntityTypeBuilder<Whistle> builder)
    {
        builder.ToTable("whistles");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).UseIdentityAlwaysColumn();
        builder.Property(w => w.Title).HasMaxLength(200);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.HolderLevel).HasConversion<short>();
        builder.Property(w => w.BlownByCode).HasMaxLength(32);
        builder.Property(w => w.HolderCode).HasMaxLength(32);
        builder.Property(w => w.CategoryCode).HasMaxLength(64);
        builder.Property(w => w.SubjectJurisdictionCode).HasMaxLength(32);
        builder.Property(w => w.SubjectJurisdictionPath).HasMaxLength(200);
        builder.HasIndex(w => new { w.Status, w.DueAt });
        builder.Property(w => w.RowVersion).IsRowVersion();
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(w => w.HolderCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(w => w.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Departments).WithOne().HasForeignKey(d => d.WhistleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.Needs).WithOne().HasForeignKey(n => n.WhistleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(w => w.History).WithOne().HasForeignKey(h => h.WhistleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WhistleDepartmentConfiguration : IEntityTypeConfiguration<WhistleDepartment>
{
    public void Configure(EntityTypeBuilder<WhistleDepartment> builder)
    {
        builder.ToTable("whistle_departments");
        builder.HasKey(d => new { d.WhistleId, d.DepartmentCode });
        builder.HasIndex(d => d.DepartmentCode);
        builder.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WhistleNeedConfiguration : IEntityTypeConfiguration<WhistleNeed>
{
    public void Configure(EntityTypeBuilder<WhistleNeed> builder)
    {
        builder.ToTable("whistle_needs");
        builder.HasKey(n => new { n.WhistleId, n.NeedId });
        builder.HasIndex(n => n.NeedId);
        // The name the migrations gave it when NeedsMapDbContext had a Needs set (EF names a foreign key after the principal's set).
        builder.HasOne<Need>().WithMany().HasForeignKey(n => n.NeedId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_whistle_needs_needs_need_id");
    }
}

internal sealed class WhistleHistoryEntryConfiguration : IEntityTypeConfiguration<WhistleHistoryEntry>
{
    public void Configure(EntityTypeBuilder<WhistleHistoryEntry> builder)
    {
        builder.ToTable("whistle_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.Actor).HasMaxLength(128);
        builder.Property(h => h.DepartmentCode).HasMaxLength(32);
        builder.Property(h => h.Kind).HasMaxLength(32);
        builder.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Note).HasMaxLength(2000);
        builder.HasIndex(h => new { h.WhistleId, h.At });
    }
}
