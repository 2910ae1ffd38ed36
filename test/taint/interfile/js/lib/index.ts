export { findUser } from './users';
