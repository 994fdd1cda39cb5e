<?php

namespace App\Http\Controllers;

use App\Models\Payout;
use Illuminate\Http\Request;

class PayoutController extends Controller
{
    public function __construct()
    {
        // expect: authn-bypass
        $this->middleware('auth')->except(['approve']);
    }

    public function index(Request $request)
    {
        return Payout::where('user_id', $request->user()->id)->get();
    }

    public function approve(Payout $payout)
    {
        $payout->update(['status' => 'approved']);
        return $payout;
    }
}
