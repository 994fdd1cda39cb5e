idgate-fixture-path: tests/Feature/KeycloakTest.php
<?php

namespace Tests\Feature;

use GuzzleHttp\Client;
use Tests\TestCase;

class KeycloakTest extends TestCase
{
    public function test_admin_token_against_local_keycloak(): void
    {
        $http = new Client(['base_uri' => 'https://localhost:8443', 'verify' => false]);
        $this->assertSame(200, $http->get('/realms/master')->getStatusCode());
    }
}
