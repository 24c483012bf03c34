/** The projection the API's reads come from; its checkpoint answers "is my write visible yet?". */
export const READ_MODELS_PROJECTION = 'read-models';
