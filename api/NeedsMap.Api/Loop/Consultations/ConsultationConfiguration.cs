using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Consultations;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("consultations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.CategoryCode).HasMaxLength(64);
        builder.Property(c => c.JurisdictionCode).HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OpenedBy).HasMaxLength(128);
        builder.Property(c => c.Outcome).HasMaxLength(4000);
        builder.Property(c => c.RowVersion).IsRowVersion();
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(c => c.JurisdictionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Posts).WithOne().HasForeignKey(p => p.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Proposals).WithOne().HasForeignKey(p => p.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("consultation_participants");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ToTable("consultation_posts");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Body).HasMaxLength(4000);
        builder.Property(p => p.HiddenReason).HasMaxLength(500);
        builder.Property(p => p.HiddenBy).HasMaxLength(128);
        builder.HasMany(p => p.Replies).WithOne().HasForeignKey(p => p.ReplyToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Participant>().WithMany().HasForeignKey(p => p.ParticipantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("consultation_proposals");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Text).HasMaxLength(2000);
        builder.HasOne<Participant>().WithMany().HasForeignKey(p => p.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Votes).WithOne().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalVoteConfiguration : IEntityTypeConfiguration<ProposalVote>
{
    public void Configure(EntityTypeBuilder<ProposalVote> builder)
    {
        builder.ToTable("proposal_votes");
        builder.HasKey(v => new { v.ProposalId, v.ParticipantId });
        builder.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Restrict);
    }
}
