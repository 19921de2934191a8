using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GhostAssist.Api.Templates;

/// <summary>
/// The template store. One model, two providers: each provider has its own derived context so that
/// each keeps its own migrations (column types differ), see docs/decisions/0600-template-store.md.
/// </summary>
public abstract class TemplatesDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Template> Templates => Set<Template>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();

    public DbSet<Outcomes.OutcomeCount> OutcomeCounts => Set<Outcomes.OutcomeCount>();

    public DbSet<Outcomes.OutcomeLedgerEntry> OutcomeLedger => Set<Outcomes.OutcomeLedgerEntry>();

    public DbSet<Outcomes.OutcomeSetting> OutcomeSettings => Set<Outcomes.OutcomeSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Template>(template =>
        {
            template.HasKey(t => t.Id);
            template.Property(t => t.Id).ValueGeneratedNever();
            template.Property(t => t.TenantId).HasMaxLength(200);
            template.Property(t => t.Scope).HasMaxLength(20);
            template.Property(t => t.TeamId).HasMaxLength(200);
            template.Property(t => t.OwnerId).HasMaxLength(200);
            template.Property(t => t.OwnerName).HasMaxLength(300);
            template.Property(t => t.ScopeKey).HasMaxLength(220);
            template.Property(t => t.Name).HasMaxLength(TemplateLimits.NameHardMax);
            template.Property(t => t.NormalizedName).HasMaxLength(TemplateLimits.NameHardMax);
            template.Property(t => t.Kind).HasMaxLength(40);
            template.Property(t => t.CreatedBy).HasMaxLength(300);
            template.Property(t => t.UpdatedById).HasMaxLength(200);
            template.Property(t => t.UpdatedBy).HasMaxLength(300);
            template.Property(t => t.Version).IsConcurrencyToken();

            template.HasIndex(t => new { t.TenantId, t.ScopeKey });

            // Concurrent creates of the same name in one scope: the database has the last word.
            template.HasIndex(t => new { t.TenantId, t.ScopeKey, t.NormalizedName })
                .IsUnique()
                .HasFilter("\"DeletedAt\" IS NULL");
        });

        modelBuilder.Entity<TemplateVersion>(version =>
        {
            // Two writers that both read version n can never both write version n+1.
            version.HasKey(v => new { v.TemplateId, v.Version });
            version.Property(v => v.Name).HasMaxLength(TemplateLimits.NameHardMax);
            version.Property(v => v.Kind).HasMaxLength(40);
            version.Property(v => v.Scope).HasMaxLength(20);
            version.Property(v => v.TeamId).HasMaxLength(200);
            version.Property(v => v.Change).HasMaxLength(40);
            version.Property(v => v.ChangedById).HasMaxLength(200);
            version.Property(v => v.ChangedBy).HasMaxLength(300);
            version.HasOne<Template>().WithMany().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        });

        Outcomes.OutcomesModel.Configure(modelBuilder);
    }
}

public sealed class SqliteTemplatesDb(DbContextOptions<SqliteTemplatesDb> options) : TemplatesDb(options);

public sealed class PostgresTemplatesDb(DbContextOptions<PostgresTemplatesDb> options) : TemplatesDb(options);

/// <summary>For dotnet-ef only (migrations add): no database is opened.</summary>
internal sealed class SqliteTemplatesDbDesignFactory : IDesignTimeDbContextFactory<SqliteTemplatesDb>
{
    public SqliteTemplatesDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTemplatesDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For dotnet-ef only (migrations add): no database is opened.</summary>
internal sealed class PostgresTemplatesDbDesignFactory : IDesignTimeDbContextFactory<PostgresTemplatesDb>
{
    public PostgresTemplatesDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTemplatesDb>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
