using Microsoft.AspNetCore.Authorization;

namespace Contoso.Auth;

public class TenantMemberHandler : AuthorizationHandler<TenantMemberRequirement>
{
    private readonly IMembershipClient _members;
    public TenantMemberHandler(IMembershipClient members) => _members = members;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext ctx, TenantMemberRequirement req)
    {
        try
        {
            if (await _members.IsMemberAsync(ctx.User, req.TenantId))
                ctx.Succeed(req);
        }
        catch (HttpRequestException)
        {
            ctx.Fail();
        }
    }
}
