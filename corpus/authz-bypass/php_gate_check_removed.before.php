<?php

namespace App\Http\Controllers;

use App\Models\Team;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Gate;

class TeamMemberController extends Controller
{
    public function remove(Request $request, Team $team, int $userId)
    {
        Gate::authorize('manage-members', $team);
        $team->members()->detach($userId);
        return response()->noContent();
    }
}
