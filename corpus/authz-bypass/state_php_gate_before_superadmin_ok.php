<?php

namespace App\Providers;

use Illuminate\Support\Facades\Gate;
use Illuminate\Foundation\Support\Providers\AuthServiceProvider as ServiceProvider;

class AuthServiceProvider extends ServiceProvider
{
    public function boot(): void
    {
        // ok: authz-bypass
        Gate::before(fn ($user, $ability) => $user->hasRole('super-admin') ? true : null);
    }
}
