// Actors that are not people. A money record names who entered it (Payment.enteredById, a user
// id); an online payment is entered by no one at a desk but by the webhook, so it names this
// constant instead. It is never a User row: lists, receipts and the day close show it by its
// catalog name (server.json `payments.onlineActor`, 在线支付), and the day close groups its
// records under their own method (ONLINE) and their own "cashier".

export const ONLINE_ACTOR_ID = 'system:online';

export const isSystemActor = (id: string) => id.startsWith('system:');
