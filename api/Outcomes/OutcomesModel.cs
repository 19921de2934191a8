using Microsoft.EntityFrameworkCore;

namespace GhostAssist.Api.Outcomes;

/// <summary>The outcome tables of the template store (one store, one migration per provider: see decision 0801).</summary>
public static class OutcomesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutcomeCount>(count =>
        {
            count.ToTable("OutcomeCounts");
            count.HasKey(c => new { c.TenantId, c.TeamId, c.UserId, c.TemplateKey, c.Play, c.Situation, c.Week });
            count.Property(c => c.TenantId).HasMaxLength(200);
            count.Property(c => c.TeamId).HasMaxLength(200);
            count.Property(c => c.UserId).HasMaxLength(200);
            count.Property(c => c.TemplateKey).HasMaxLength(40);
            count.Property(c => c.Play).HasMaxLength(40);
            count.Property(c => c.Situation).HasMaxLength(40);
            count.HasIndex(c => new { c.TenantId, c.UserId });
        });

        modelBuilder.Entity<OutcomeLedgerEntry>(entry =>
        {
            entry.ToTable("OutcomeLedger");
            entry.HasKey(e => e.Key);
            entry.Property(e => e.Key).HasMaxLength(64);
            entry.Property(e => e.State).HasMaxLength(20);
        });

        modelBuilder.Entity<OutcomeSetting>(setting =>
        {
            setting.ToTable("OutcomeSettings");
            setting.HasKey(s => new { s.TenantId, s.UserId });
            setting.Property(s => s.TenantId).HasMaxLength(200);
            setting.Property(s => s.UserId).HasMaxLength(200);
        });
    }
}
