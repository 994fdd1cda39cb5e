<?php

namespace App\Http\Controllers;

use App\Models\Invoice;
use Illuminate\Http\Request;

class InvoiceController extends Controller
{
    public function send(Request $request, Invoice $invoice)
    {
        $invoice->dispatchEmail();
        return response()->json(['sent' => true]);
    }
}
