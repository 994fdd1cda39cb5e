<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;

class VerifyCronSecret
{
    public function handle(Request $request, Closure $next)
    {
        // expect: timing-unsafe-compare
        if ($request->header('X-Cron-Secret') !== config('services.cron.secret')) {
            abort(401);
        }
        return $next($request);
    }
}
