using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GhostAssist.Api.Invites;

/// <summary>A demo (.ics) invite as stored: who may fetch it, what it says, and the file itself.</summary>
public sealed class InviteRecord
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string UserId { get; set; }
    public required string Fingerprint { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public required string TimeZone { get; set; }

    /// <summary>The attendees as JSON ([{address, name}]): read back whole, never queried.</summary>
    public required string Attendees { get; set; }

    public required string BodyText { get; set; }
    /// <summary>Unix milliseconds: SQLite cannot order or compare DateTimeOffset, and the cap removes the oldest.</summary>
    public long CreatedAtMs { get; set; }
    public required string Ics { get; set; }
}

/// <summary>
/// Demo invites live in the template store's database (SQLite file or PostgreSQL), so two API
/// instances answer a double click with one invite: the id is the primary key, and the database
/// refuses the second insert. Its own context and migrations history keep it apart from the
/// template model; see docs/decisions/0152-invites-in-the-shared-store.md.
/// </summary>
public abstract class InvitesDb(DbContextOptions options) : DbContext(options)
{
    public const string HistoryTable = "__InvitesMigrationsHistory";

    public DbSet<InviteRecord> Invites => Set<InviteRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InviteRecord>(invite =>
        {
            invite.ToTable("DemoInvites");
            invite.HasKey(i => i.Id);
            invite.Property(i => i.Id).HasMaxLength(40);
            invite.Property(i => i.TenantId).HasMaxLength(200);
            invite.Property(i => i.UserId).HasMaxLength(200);
            invite.Property(i => i.Fingerprint).HasMaxLength(100);
            invite.Property(i => i.Subject).HasMaxLength(300);
            invite.Property(i => i.TimeZone).HasMaxLength(80);
            invite.HasIndex(i => new { i.TenantId, i.UserId, i.CreatedAtMs });
        });
    }
}

public sealed class SqliteInvitesDb(DbContextOptions<SqliteInvitesDb> options) : InvitesDb(options);

public sealed class PostgresInvitesDb(DbContextOptions<PostgresInvitesDb> options) : InvitesDb(options);

/// <summary>For dotnet-ef only (migrations add): no database is opened.</summary>
internal sealed class SqliteInvitesDbDesignFactory : IDesignTimeDbContextFactory<SqliteInvitesDb>
{
    public SqliteInvitesDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteInvitesDb>().UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(InvitesDb.HistoryTable)).Options);
}

/// <summary>For dotnet-ef only (migrations add): no database is opened.</summary>
internal sealed class PostgresInvitesDbDesignFactory : IDesignTimeDbContextFactory<PostgresInvitesDb>
{
    public PostgresInvitesDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresInvitesDb>().UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsHistoryTable(InvitesDb.HistoryTable)).Options);
}
