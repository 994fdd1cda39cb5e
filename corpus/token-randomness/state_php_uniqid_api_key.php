<?php

namespace App\Http\Controllers;

use App\Models\ApiClient;
use Illuminate\Http\Request;

class ApiClientController extends Controller
{
    public function store(Request $request)
    {
        $client = new ApiClient(['name' => $request->input('name')]);
        // expect: token-randomness
        $client->secret = hash('sha256', uniqid((string) $request->user()->id, true));
        $client->save();

        return response()->json(['id' => $client->id, 'secret' => $client->secret], 201);
    }
}
