namespace Fabrikam.Access;

public sealed class ElevationActivator
{
    public Grant Activate(ElevationRequest req, string activatedBy, DateTimeOffset now)
    {
        if (req.Status != RequestStatus.Approved)
            throw new UnauthorizedAccessException("request not approved");
        if (req.ApprovedBy == activatedBy)
            throw new UnauthorizedAccessException("self-approval is not allowed");
        return new Grant(req.Principal, req.Role, now.AddMinutes(Math.Min(req.Minutes, 60)));
    }
}
