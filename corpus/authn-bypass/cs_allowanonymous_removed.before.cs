using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Web.Controllers;

[Authorize]
public class ReportsController : Controller
{
    [AllowAnonymous]
    public IActionResult Download(int id) => File(ReportStore.Read(id), "application/pdf");
}
