<?php

use App\Http\Controllers\DocumentController;
use Illuminate\Support\Facades\Route;

Route::get('/status', fn () => ['ok' => true]);

// expect: authn-bypass
Route::group([], function () {
    Route::get('/documents', [DocumentController::class, 'index']);
    Route::delete('/documents/{document}', [DocumentController::class, 'destroy']);
});
