using Microsoft.Extensions.Logging;

namespace Contoso.Data;

public class DbBootstrap
{
    private readonly ILogger<DbBootstrap> _log;
    private readonly IConfiguration _cfg;

    public DbBootstrap(ILogger<DbBootstrap> log, IConfiguration cfg) { _log = log; _cfg = cfg; }

    public void Start()
    {
        var cs = _cfg.GetConnectionString("Main");
        // expect: secret-exposure
        _log.LogInformation("Connecting with {ConnectionString}", cs);
    }
}
