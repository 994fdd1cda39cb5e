namespace Fabrikam.Access;

public sealed class ElevationService
{
    private readonly IGrantStore _grants;
    private readonly TimeProvider _clock;

    public ElevationService(IGrantStore grants, TimeProvider clock) { _grants = grants; _clock = clock; }

    // expect: authz-bypass
    public Grant Activate(ElevationRequest req, string activatedBy)
    {
        var grant = new Grant(req.Principal, req.Role, _clock.GetUtcNow().AddMinutes(req.Minutes));
        _grants.Add(grant);
        return grant;
    }
}
