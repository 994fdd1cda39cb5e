<?php

namespace App\Http\Controllers;

use App\Models\Address;
use Illuminate\Http\Request;

class AddressController extends Controller
{
    public function update(Request $request, int $id)
    {
        // expect: authz-bypass
        $address = Address::findOrFail($id);
        $address->update($request->validate(['line1' => 'required', 'city' => 'required']));
        return $address;
    }
}
