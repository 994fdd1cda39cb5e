import axios from 'axios';
import { Agent } from 'node:https';

export const vaultClient = axios.create({
  baseURL: process.env.VAULT_ADDR,
  // expect: transport-trust
  httpsAgent: new Agent({ rejectUnauthorized: false }),
  headers: { 'X-Vault-Token': process.env.VAULT_TOKEN ?? '' },
});
