import express from 'express';
import passport from 'passport';
import { listUsers, deleteUser } from './handlers/users.js';

const admin = express.Router();
// expect: authn-bypass
admin.use(express.json());

admin.get('/users', listUsers);
admin.delete('/users/:id', deleteUser);

export default admin;
