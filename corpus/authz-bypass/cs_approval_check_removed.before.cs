namespace Fabrikam.Access;

public sealed class ElevationService
{
    private readonly IGrantStore _grants;
    private readonly TimeProvider _clock;

    public ElevationService(IGrantStore grants, TimeProvider clock) { _grants = grants; _clock = clock; }

    public Grant Activate(ElevationRequest req, string activatedBy)
    {
        if (req.Status != RequestStatus.Approved)
            throw new UnauthorizedAccessException("request not approved");
        if (req.ApprovedBy == activatedBy)
            throw new UnauthorizedAccessException("self-approval is not allowed");
        var grant = new Grant(req.Principal, req.Role, _clock.GetUtcNow().AddMinutes(req.Minutes));
        _grants.Add(grant);
        return grant;
    }
}
