<?php

use App\Http\Controllers\DocumentController;
use Illuminate\Support\Facades\Route;

Route::get('/status', fn () => ['ok' => true]);

Route::middleware('auth:sanctum')->group(function () {
    Route::get('/documents', [DocumentController::class, 'index']);
    Route::delete('/documents/{document}', [DocumentController::class, 'destroy']);
});
