<?php

use App\Http\Controllers\DocumentController;
use Illuminate\Support\Facades\Route;

Route::middleware(['auth:sanctum'])
    ->prefix('documents')
    ->group(function () {
        Route::get('/', [DocumentController::class, 'index']);
        Route::delete('/{document}', [DocumentController::class, 'destroy']);
    });
