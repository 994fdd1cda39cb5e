<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;

class EnsureApiToken
{
    public function handle(Request $request, Closure $next)
    {
        // expect: authn-bypass
        if ($request->header('X-Forwarded-For') === '127.0.0.1') {
            return $next($request);
        }
        // ok: authn-bypass
        if ($request->header('X-Forwarded-Proto') === 'https' && $request->bearerToken() === null) {
            abort(401);
        }
        if (! hash_equals(config('services.api.token'), (string) $request->bearerToken())) {
            abort(401);
        }
        return $next($request);
    }
}
