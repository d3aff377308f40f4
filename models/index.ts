// Importing this registers every model with mongoose (so syncIndexes builds all their indexes).
export * from './organization';
export * from './user';
