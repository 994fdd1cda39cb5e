namespace Fabrikam.Access;

public sealed class ElevationActivator
{
    public Grant Activate(ElevationRequest req, string activatedBy, DateTimeOffset now)
    {
        if (req.ApprovedBy == activatedBy)
            throw new UnauthorizedAccessException("self-approval is not allowed");
        if (req.Status != RequestStatus.Approved)
            throw new UnauthorizedAccessException("request not approved");
        return new Grant(req.Principal, req.Role, now.AddMinutes(Math.Min(req.Minutes, 60)));
    }
}
