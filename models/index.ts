// Importing this registers every model with mongoose (so syncIndexes builds all their indexes).
export * from './organization';
export * from './user';
export * from './ipAsset';
export * from './license';
export * from './listing';
export * from './pledgeRegistration';
export * from './indicatorDelta';
export * from './deal';
export * from './stripeEvent';
export * from './officialStatistic';
export * from './population';
export * from './indicatorStamp';
export * from './loanProduct';
export * from './pledgeApplication';
export * from './insuranceProduct';
export * from './insuranceQuote';
export * from './insurancePolicy';
