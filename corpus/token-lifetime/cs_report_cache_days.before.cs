using Microsoft.Extensions.Caching.Memory;

namespace Contoso.Reports;

public class ReportCache
{
    private readonly IMemoryCache _cache;
    public ReportCache(IMemoryCache cache) => _cache = cache;

    public void Put(string key, byte[] pdf) =>
        _cache.Set(key, pdf, TimeSpan.FromHours(1));
}
