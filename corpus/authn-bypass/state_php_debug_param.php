<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;

class Authenticate
{
    public function handle(Request $request, Closure $next)
    {
        // expect: authn-bypass
        if ($request->query('debug_login')) {
            Auth::loginUsingId((int) $request->query('debug_login'));
        }
        if (!Auth::check()) {
            return redirect('/login');
        }
        return $next($request);
    }
}
